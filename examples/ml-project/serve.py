"""Tiny inference service with an LLM "tool" step. Planted problems for mlwarden's code/* rules."""
import requests
from openai import OpenAI

client = OpenAI()


def run_tool(question: str) -> object:
    resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    expression = resp.choices[0].message.content
    return eval(expression)


def fetch_labels() -> dict:
    return requests.get("https://labels.internal.example/v1/labels", verify=False, timeout=10).json()
