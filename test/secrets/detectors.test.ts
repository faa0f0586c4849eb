import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DETECTORS } from '../../src/rules/secrets/detectors/index.js';
import { ruleIds, scanText } from './helpers.js';
import * as t from './tokens.js';

t.seed(42);
const uuid = () => `${t.hex(8)}-${t.hex(4)}-${t.hex(4)}-${t.hex(4)}-${t.hex(12)}`;

// One realistic line per detector: [rule, text, file name].
const POSITIVES: Array<[string, string, string?]> = [
  ['huggingface-token', `HF_TOKEN=${t.hfToken()}`],
  ['huggingface-org-token', `token = "api_org_${t.letters(34)}"`],
  ['openai-api-key', `OPENAI_API_KEY=${t.openaiProject()}`],
  ['openai-api-key', `openai.api_key = "${t.openaiLegacy()}"`],
  ['openai-api-key', `key: sk-svcacct-${t.rand(58)}T3BlbkFJ${t.rand(58)}`],
  ['openai-admin-key', `OPENAI_ADMIN_KEY=${t.openaiAdmin()}`],
  ['anthropic-api-key', `ANTHROPIC_API_KEY=${t.anthropic()}`],
  ['anthropic-admin-key', `admin_key: ${t.anthropicAdmin()}`],
  ['wandb-api-key', `WANDB_API_KEY=${t.hex(40)}`],
  ['wandb-api-key', `wandb.login(key="${t.hex(40)}")`],
  ['wandb-api-key', `!wandb login ${t.hex(40)}`],
  ['wandb-api-key', `export WANDB_API_KEY=wandb_v1_${t.rand(77)}`],
  ['wandb-api-key', `machine api.wandb.ai\n  login user\n  password ${t.hex(40)}\n`, '.netrc'],
  ['replicate-api-token', `REPLICATE_API_TOKEN=r8_${t.rand(37)}`],
  ['cohere-api-key', `co = cohere.ClientV2(api_key="${t.rand(40)}")`],
  ['cohere-api-key', `CO_API_KEY=${t.rand(40)}`],
  ['mistral-api-key', `MISTRAL_API_KEY="${t.rand(32)}"`],
  ['groq-api-key', `client = Groq(api_key="gsk_${t.rand(52)}")`],
  ['together-api-key', `TOGETHER_API_KEY=${t.hex(64)}`],
  ['together-api-key', `together_key: tgp_v1_${t.rand(43)}`],
  ['perplexity-api-key', `PPLX_API_KEY=pplx-${t.rand(48)}`],
  ['google-api-key', `GOOGLE_API_KEY=AIza${t.rand(35)}`],
  ['gcp-service-account-key', JSON.stringify({ type: 'service_account', project_id: 'ml-prod', private_key_id: t.hex(40), private_key: t.pemKey(), client_email: 'trainer@ml-prod.iam.gserviceaccount.com' }, null, 2), 'sa.json'],
  ['azure-openai-key', `AZURE_OPENAI_API_KEY=${t.hex(32)}`],
  ['azure-openai-key', `endpoint = "https://contoso.openai.azure.com/"\napi_key = "${t.hex(32)}"`],
  ['aws-access-key', `aws_access_key_id = ${t.awsKeyId()}\naws_secret_access_key = ${t.awsSecret()}\n`, 'credentials'],
  ['aws-access-key', `User,Key,Secret\nml-bot,${t.awsKeyId()},${t.awsSecret()}\n`, 'accessKeys.csv'],
  ['aws-access-key-id', `AWS_ACCESS_KEY_ID=${t.awsKeyId()}`],
  ['aws-bedrock-api-key', `AWS_BEARER_TOKEN_BEDROCK=ABSK${Buffer.from(`BedrockAPIKey-${t.rand(8)}-at-123456789012:${t.rand(60)}`).toString('base64')}`],
  ['aws-bedrock-api-key', `AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${t.awsKeyId('ASIA')}`).toString('base64')}`],
  ['databricks-token', `DATABRICKS_TOKEN=dapi${t.hex(32)}`],
  ['kaggle-api-key', JSON.stringify({ username: 'alice', key: t.hex(32) }), 'kaggle.json'],
  ['kaggle-api-key', `KAGGLE_KEY=${t.hex(32)}`],
  ['kaggle-api-key', `KAGGLE_API_TOKEN=KGAT_${t.rand(32)}`],
  ['comet-api-key', `COMET_API_KEY=${t.rand(25)}`],
  ['neptune-api-token', `NEPTUNE_API_TOKEN="${t.neptuneToken()}"`],
  ['pinecone-api-key', `PINECONE_API_KEY=pcsk_${t.rand(6)}_${t.rand(63)}`],
  ['pinecone-api-key', `pinecone_api_key: ${uuid()}`],
  ['langsmith-api-key', `LANGCHAIN_API_KEY=lsv2_pt_${t.hex(32)}_${t.hex(10)}`],
  ['nvidia-api-key', `NVIDIA_API_KEY=nvapi-${t.rand(64)}`],
  ['nvidia-api-key', `NGC_API_KEY=${t.rand(84)}`],
  ['xai-api-key', `XAI_API_KEY=xai-${t.rand(80)}`],
  ['openrouter-api-key', `OPENROUTER_API_KEY=sk-or-v1-${t.hex(64)}`],
  ['deepseek-api-key', `DEEPSEEK_API_KEY=sk-${t.hex(32)}`],
  ['elevenlabs-api-key', `ELEVEN_API_KEY=sk_${t.hex(48)}`],
  ['elevenlabs-api-key', `headers = {"xi-api-key": "${t.hex(32)}"}`],
  ['deepgram-api-key', `DEEPGRAM_API_KEY=${t.hex(40)}`],
  ['clarifai-api-key', `CLARIFAI_PAT=${t.hex(32)}`],
  ['github-token', `GH_TOKEN=${t.githubToken()}`],
  ['github-token', `git clone https://x-access-token:${t.githubToken('s')}@github.com/org/repo`],
  ['github-token', `token: github_pat_${t.rand(22)}_${t.rand(59)}`],
  ['npm-token', `//registry.npmjs.org/:_authToken=${t.npmToken()}`, '.npmrc'],
  ['slack-token', `SLACK_BOT_TOKEN=xoxb-${'1234567890'.replace(/./g, () => String(Math.floor(Math.random() * 10)))}-${t.rand(24)}`],
  ['slack-webhook-url', `url = "https://hooks.slack.com/services/T${t.rand(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${t.rand(8, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${t.rand(24)}"`],
  ['stripe-secret-key', `STRIPE_KEY=sk_live_${t.rand(24)}`],
  ['azure-storage-key', `AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=mldata;AccountKey=${Buffer.from(t.rand(64)).toString('base64')};EndpointSuffix=core.windows.net"`],
  ['private-key', t.pemKey('RSA PRIVATE KEY'), 'id_rsa'],
  ['jwt', `Authorization: Bearer ${t.jwt()}`],
  ['database-url', `DATABASE_URL=postgresql://feature_store:${t.rand(18)}@db.internal:5432/features`],
  ['database-url', `MONGO_URI="mongodb+srv://ml:${t.rand(14)}@cluster0.abcde.mongodb.net/runs"`],
  ['url-basic-auth', `pip install --index-url https://deploy:${t.rand(20)}@pypi.corp.net/simple torch`],
  ['mlflow-tracking-credentials', `MLFLOW_TRACKING_PASSWORD=${t.rand(16)}`],
  ['s3-presigned-url', `https://bucket.s3.amazonaws.com/model.pt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${t.awsKeyId('ASIA')}%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${t.hex(64)}`],
  ['docker-registry-auth', JSON.stringify({ auths: { 'nvcr.io': { auth: Buffer.from(`$oauthtoken:${t.rand(40)}`).toString('base64') } } }, null, 2), 'config.json'],
  ['netrc-credentials', `machine artifacts.corp.net login ci password ${t.rand(20)}\n`, '.netrc'],
];

for (const [rule, text, name] of POSITIVES) {
  test(`detects secrets/${rule}: ${text.split('\n')[0].slice(0, 40)}`, async () => {
    assert.ok((await ruleIds(text, name)).includes(`secrets/${rule}`), `expected secrets/${rule} in ${JSON.stringify(await ruleIds(text, name))}`);
  });
}

test('every detector has at least one positive case', () => {
  const covered = new Set(POSITIVES.map(([r]) => r));
  assert.deepEqual(DETECTORS.map((d) => d.id).filter((id) => !covered.has(id)), []);
});

test('pairs an AWS key id with its secret as one critical finding and no separate id finding', async () => {
  const hits = await scanText(`[default]\naws_access_key_id = ${t.awsKeyId()}\naws_secret_access_key = ${t.awsSecret()}\n`, 'credentials');
  assert.deepEqual(hits.map((h) => h.detector.id), ['aws-access-key']);
});

test('a provider-specific hit wins over the generic URL or netrc rule for the same secret', async () => {
  const ids = await ruleIds(`machine api.wandb.ai login user password ${t.hex(40)}\n`, '.netrc');
  assert.deepEqual(ids, ['secrets/wandb-api-key']);
  const gh = await ruleIds(`https://x-access-token:${t.githubToken()}@github.com/o/r.git`);
  assert.deepEqual(gh, ['secrets/github-token']);
});

test('reports a GCP service-account file once, not also as a bare private key', async () => {
  const json = JSON.stringify({ type: 'service_account', private_key: t.pemKey(), client_email: 'a@b.iam.gserviceaccount.com' }, null, 2);
  const hits = await scanText(json, 'key.json');
  assert.deepEqual(hits.map((h) => h.detector.id), ['gcp-service-account-key']);
  assert.equal(hits[0].verdict.properties?.clientEmail, 'a@b.iam.gserviceaccount.com');
  assert.equal(hits[0].line, 3);
});

test('notes an MLflow tracking URI with basic auth', async () => {
  const hits = await scanText(`MLFLOW_TRACKING_URI=https://admin:${t.rand(14)}@mlflow.corp.net:5000\n`, '.env');
  assert.equal(hits[0].detector.id, 'url-basic-auth');
  assert.match(hits[0].verdict.note ?? '', /MLflow/);
});
