// ML code scanning: 10,000 realistic Python files (training/serving scripts with imports, classes,
// HF downloads and a few unsafe loads), one tree-sitter parse per file shared by all code/* rules.
// Reports files/s for the whole scan, and p50/p95 per-file time measured on the engine's own
// per-entry callbacks (time between one entry starting and the next).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCase } from '../harness.js';

const FILES = 10_000;

function body(i: number): string {
  const unsafe = i % 10 === 0 ? `\nstate = torch.load(args.ckpt)\nclf = joblib.load("model-${i}.joblib")\n` : '';
  return `"""Training script ${i}: fine-tunes a model. torch.load(x) in a docstring does not count."""
import argparse
import os
import joblib
import numpy as np
import torch
import torch.nn as nn
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL_ID = "acme-research/encoder-${i % 50}"
REV = "0123456789abcdef0123456789abcdef01234567"


class Head(nn.Module):
    def __init__(self, dim: int = 768, classes: int = ${2 + (i % 5)}):
        super().__init__()
        self.proj = nn.Linear(dim, classes)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        return self.proj(self.drop(x))


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default=os.environ.get("CKPT", "last.pt"))
    p.add_argument("--epochs", type=int, default=${1 + (i % 7)})
    return p.parse_args()


def train(model, loader, epochs):
    opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
    for epoch in range(epochs):
        for batch in loader:
            loss = model(**batch).loss
            loss.backward()
            opt.step()
            opt.zero_grad()
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    args = parse()
    tok = AutoTokenizer.from_pretrained(MODEL_ID, revision=REV)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_ID, revision=REV)
    data = np.load("features-${i}.npy")${unsafe}
    train(model, [], args.epochs)
    torch.save(model.state_dict(), "out-${i}.pt")
`;
}

const c: BenchCase = {
  name: 'infra-code: 10k Python files',
  scanner: 'code',
  async setup(dir) {
    const root = join(dir, 'src');
    let bytes = 0;
    for (let i = 0; i < FILES; i++) bytes += Buffer.byteLength(body(i));
    if (!existsSync(root)) {
      for (let i = 0; i < FILES; i++) {
        const d = join(root, `pkg${i % 100}`);
        mkdirSync(d, { recursive: true });
        writeFileSync(join(d, `train_${i}.py`), body(i));
      }
    }
    return { paths: ['src'], bytes, files: FILES };
  },
  async run(input, dir) {
    const { loadRules } = await import('../../src/scan/registry.js');
    const { Engine } = await import('../../src/scan/engine.js');
    const { fsTarget } = await import('../../src/targets/fs/target.js');
    const rules = await loadRules();
    // One entry at a time so the gap between entry callbacks is that file's whole time.
    const times: number[] = [];
    let last = 0;
    const engine = new Engine({
      rules,
      concurrency: 1,
      onEntry: () => {
        const now = performance.now();
        if (last) times.push(now - last);
        last = now;
      },
    });
    const res = await engine.run(input.paths.map((p) => fsTarget(p, { cwd: dir, gitignore: false })));
    times.push(performance.now() - last);
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
    return { findings: res.findings.length, p50_ms: q(0.5), p95_ms: q(0.95), max_ms: times[times.length - 1].toFixed(1) };
  },
};
export default c;
