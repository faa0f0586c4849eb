// File names that say "this is a model": a loader (torch.load, joblib.load, pickle.load,
// keras.models.load_model, ...) would open a file so named, possibly through a compression wrapper
// (`model.pkl.bz2`, `clf.joblib.xz`). What such a file holds is worth a high finding when it cannot
// be read; the same bytes under another name are a medium coverage gap.
const MODEL_FILE = /\.(pkl|pickle|pt|pth|pt2|bin|ckpt|mar|joblib|jbl|dill|npy|npz|sav|model|safetensors|h5|hdf5|keras|onnx|gguf)(\.(gz|gzip|bz2|bzip2|xz|zst|zstd))?$/i;

export function isModelFileName(name: string): boolean {
  return MODEL_FILE.test(name);
}
