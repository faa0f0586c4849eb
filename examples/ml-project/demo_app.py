"""Quick demo UI for the sentiment model (PLANTED: published through a public share link, no login)."""
import gradio as gr
from transformers import pipeline

classifier = pipeline("text-classification", model="./checkpoints/sentiment-merged")


def predict(text: str) -> dict:
    result = classifier(text)[0]
    return {result["label"]: result["score"]}


demo = gr.Interface(fn=predict, inputs=gr.Textbox(lines=3), outputs=gr.Label())

if __name__ == "__main__":
    demo.launch(share=True)
