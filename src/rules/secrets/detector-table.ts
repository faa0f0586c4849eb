// The detector table: every secrets/* rule's detector, one file each, read by one keyword pass
// (scan-model.ts) and turned into rules by secret-rules.ts. Adding a provider = adding its file and
// its line here (test/secrets/examples.test.ts fails if a detector file is missing from this list).
// Formats are verified against vendor docs and public scanner rule sets (gitleaks, trufflehog,
// secretlint); the patterns are our own. Severity follows what the credential can do.
import { detector as huggingfaceToken } from './huggingface-token.js';
import { detector as huggingfaceOrgToken } from './huggingface-org-token.js';
import { detector as openaiApiKey } from './openai-api-key.js';
import { detector as openaiAdminKey } from './openai-admin-key.js';
import { detector as anthropicApiKey } from './anthropic-api-key.js';
import { detector as anthropicAdminKey } from './anthropic-admin-key.js';
import { detector as wandbApiKey } from './wandb-api-key.js';
import { detector as replicateApiToken } from './replicate-api-token.js';
import { detector as cohereApiKey } from './cohere-api-key.js';
import { detector as mistralApiKey } from './mistral-api-key.js';
import { detector as groqApiKey } from './groq-api-key.js';
import { detector as togetherApiKey } from './together-api-key.js';
import { detector as perplexityApiKey } from './perplexity-api-key.js';
import { detector as kaggleApiKey } from './kaggle-api-key.js';
import { detector as cometApiKey } from './comet-api-key.js';
import { detector as neptuneApiToken } from './neptune-api-token.js';
import { detector as pineconeApiKey } from './pinecone-api-key.js';
import { detector as langsmithApiKey } from './langsmith-api-key.js';
import { detector as nvidiaApiKey } from './nvidia-api-key.js';
import { detector as xaiApiKey } from './xai-api-key.js';
import { detector as openrouterApiKey } from './openrouter-api-key.js';
import { detector as deepseekApiKey } from './deepseek-api-key.js';
import { detector as elevenlabsApiKey } from './elevenlabs-api-key.js';
import { detector as deepgramApiKey } from './deepgram-api-key.js';
import { detector as clarifaiApiKey } from './clarifai-api-key.js';
import { detector as awsAccessKey } from './aws-access-key.js';
import { detector as awsAccessKeyId } from './aws-access-key-id.js';
import { detector as awsBedrockApiKey } from './aws-bedrock-api-key.js';
import { detector as gcpServiceAccountKey } from './gcp-service-account-key.js';
import { detector as googleApiKey } from './google-api-key.js';
import { detector as azureOpenaiKey } from './azure-openai-key.js';
import { detector as azureStorageKey } from './azure-storage-key.js';
import { detector as databricksToken } from './databricks-token.js';
import { detector as githubToken } from './github-token.js';
import { detector as npmToken } from './npm-token.js';
import { detector as slackToken } from './slack-token.js';
import { detector as slackWebhookUrl } from './slack-webhook-url.js';
import { detector as stripeSecretKey } from './stripe-secret-key.js';
import { detector as dockerRegistryAuth } from './docker-registry-auth.js';
import { detector as privateKey } from './private-key.js';
import { detector as jwt } from './jwt.js';
import { detector as databaseUrl } from './database-url.js';
import { detector as urlBasicAuth } from './url-basic-auth.js';
import { detector as mlflowTrackingCredentials } from './mlflow-tracking-credentials.js';
import { detector as s3PresignedUrl } from './s3-presigned-url.js';
import { detector as netrcCredentials } from './netrc-credentials.js';
import type { Detector } from './detector.js';

export const DETECTORS: Detector[] = [
  // ML and AI platforms: model hubs, inference APIs, experiment trackers, vector stores.
  huggingfaceToken,
  huggingfaceOrgToken,
  openaiApiKey,
  openaiAdminKey,
  anthropicApiKey,
  anthropicAdminKey,
  wandbApiKey,
  replicateApiToken,
  cohereApiKey,
  mistralApiKey,
  groqApiKey,
  togetherApiKey,
  perplexityApiKey,
  kaggleApiKey,
  cometApiKey,
  neptuneApiToken,
  pineconeApiKey,
  langsmithApiKey,
  nvidiaApiKey,
  xaiApiKey,
  openrouterApiKey,
  deepseekApiKey,
  elevenlabsApiKey,
  deepgramApiKey,
  clarifaiApiKey,
  // Cloud providers: whole-account keys, so the checks insist on structure (a key id needs its secret).
  awsAccessKey,
  awsAccessKeyId,
  awsBedrockApiKey,
  gcpServiceAccountKey,
  googleApiKey,
  azureOpenaiKey,
  azureStorageKey,
  databricksToken,
  // Developer platforms: source hosting, package registries, chat, payments, container registries.
  githubToken,
  npmToken,
  slackToken,
  slackWebhookUrl,
  stripeSecretKey,
  dockerRegistryAuth,
  // Formats tied to no provider (private keys, JWTs, URL credentials); they yield to a provider's hit.
  privateKey,
  jwt,
  databaseUrl,
  urlBasicAuth,
  mlflowTrackingCredentials,
  s3PresignedUrl,
  netrcCredentials,
];
