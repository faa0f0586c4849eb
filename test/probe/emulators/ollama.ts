import type { Emulator } from './server.js';
import { proxy401 } from './replies.js';

// checked: ollama/ollama server/routes.go (GET/HEAD "/" -> text "Ollama is running"; /api/version
// {"version"}; GET /api/tags -> ListResponse {models: [...]}). Ollama has no authentication of its own,
// so the secured mode is a reverse proxy. Note: some forks answer "/" with extra lines after the text.
export const ollama: Emulator = {
  id: 'ollama',
  service: 'ollama',
  open: {
    '/': { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Ollama is running' },
    '/api/version': { body: { version: '0.1.33' } },
    '/api/tags': { body: { models: [{ name: 'llama3:latest', model: 'llama3:latest', modified_at: '2024-05-01T10:00:00Z', size: 4661224676, digest: '365c0bd3c000a25d28ddbf732fe1c6add414de7275464c4e4d1c3b5fcb5d8ad1', details: { format: 'gguf', family: 'llama', parameter_size: '8.0B', quantization_level: 'Q4_0' } }] } },
  },
  secured: { deny: proxy401 },
  notFound: { status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' },
};
