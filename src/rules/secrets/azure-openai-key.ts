import { assignment, type Detector } from './detector.js';
import { ROTATE_CLOUD_KEY } from './remediation.js';
import { hasLettersAndDigits } from './validators.js';
import * as sample from './example-tokens.js';

export const detector: Detector = {
  id: 'azure-openai-key',
  title: 'Azure OpenAI API key',
  what: 'Azure OpenAI API key',
  severity: 'high',
  description: 'An Azure OpenAI / Azure AI services key (32 hex, or the 84-character format) next to an Azure OpenAI keyword or an `*.openai.azure.com` endpoint.',
  remediation: `${ROTATE_CLOUD_KEY} Azure AI services support Microsoft Entra ID authentication: disable local (key) auth where possible.`,
  references: ['https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity', 'https://learn.microsoft.com/en-us/azure/ai-services/authentication'],
  tags: ['azure', 'openai'],
  matchers: [
    { keywords: ['azure_openai', 'azure-openai', 'azureopenai'], pattern: assignment('azure[_-]?openai[A-Za-z0-9_.-]{0,16}key', '[0-9a-f]{32}|[A-Za-z0-9]{84}'), window: [1, 140], validate: ({ secret }) => hasLettersAndDigits(secret) },
    { keywords: ['.openai.azure.com'], pattern: assignment('api[_-]?key', '[0-9a-f]{32}'), window: [600, 600], validate: ({ secret }) => hasLettersAndDigits(secret) },
  ],
  examples: {
    match: [
      `AZURE_OPENAI_API_KEY=${sample.hex(32)}`,
      `endpoint = "https://contoso.openai.azure.com/"\napi_key = "${sample.hex(32)}"`,
    ],
    noMatch: [
      'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/',
      `AZURE_OPENAI_API_KEY=${sample.hex(31)}`,
    ],
  },
};
