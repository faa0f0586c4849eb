"""Fine-tunes the sentiment classifier. Planted problems for mlwarden's code/* rules."""
import argparse

import joblib
import torch
import yaml
from transformers import AutoModelForSequenceClassification, AutoTokenizer

BASE_MODEL = "acme-research/sentiment-base"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--resume", help="checkpoint to resume from (may be downloaded)")
    p.add_argument("--config", default="config.yaml")
    args = p.parse_args()

    with open(args.config) as f:
        cfg = yaml.load(f, Loader=yaml.Loader)

    tok = AutoTokenizer.from_pretrained(BASE_MODEL)
    model = AutoModelForSequenceClassification.from_pretrained(BASE_MODEL, trust_remote_code=True)
    if args.resume:
        model.load_state_dict(torch.load(args.resume))
    label_encoder = joblib.load("artifacts/labels.joblib")

    # Secure variant, kept on purpose: this must not be reported.
    stats = torch.load("artifacts/stats.pt", weights_only=True)
    print(cfg, tok, label_encoder, stats)


if __name__ == "__main__":
    main()
