//! Sub-word tokenisation of pre-split words with the Hugging Face `tokenizers` crate.

use std::path::Path;

use tokenizers::models::wordpiece::WordPiece;
use tokenizers::normalizers::bert::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::Tokenizer;

use crate::error::{Error, Result};

/// Words encoded into sub-word ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EncodedWords {
    /// Sub-word ids, no special tokens.
    pub ids: Vec<i64>,
    /// For every word, the index in `ids` of its first sub-word (`None`: the word produced
    /// no sub-word, e.g. it was only control characters).
    pub first: Vec<Option<usize>>,
}

/// Words per tokenizer call in [`WordTokenizer::encode_words`].
pub const ENCODE_CHUNK: usize = 2048;

/// A tokenizer that maps pre-split words to sub-words and knows the special tokens.
#[derive(Clone, Debug)]
pub struct WordTokenizer {
    inner: Tokenizer,
    /// Id of the sequence-start token (`[CLS]` / `<s>`).
    pub cls: i64,
    /// Id of the sequence-end token (`[SEP]` / `</s>`).
    pub sep: i64,
    /// Id of the padding token.
    pub pad: i64,
}

impl WordTokenizer {
    /// Load from a model directory: `tokenizer.json` if present, else a BERT WordPiece
    /// tokenizer built from `vocab.txt` (lower-cased when `lowercase`). Padding and truncation
    /// configured in the file are switched off (windows are detente's job).
    pub fn from_dir(dir: &Path, entry: &str, lowercase: bool) -> Result<WordTokenizer> {
        let json = dir.join("tokenizer.json");
        let vocab = dir.join("vocab.txt");
        let mut inner = if json.is_file() {
            Tokenizer::from_file(&json).map_err(|e| Error::Config {
                path: json.display().to_string(),
                line: 0,
                column: 0,
                message: format!("cannot load tokenizer: {e}"),
            })?
        } else if vocab.is_file() {
            let wp = WordPiece::from_file(&vocab.to_string_lossy())
                .unk_token("[UNK]".into())
                .build()
                .map_err(|e| Error::tokenizer(format!("{}: {e}", vocab.display())))?;
            let mut t = Tokenizer::new(wp);
            t.with_normalizer(Some(BertNormalizer::new(
                true,
                true,
                Some(lowercase),
                lowercase,
            )));
            t.with_pre_tokenizer(Some(BertPreTokenizer));
            t
        } else {
            return Err(Error::MissingFile {
                what: "tokenizer (tokenizer.json or vocab.txt)".into(),
                path: json,
                entry: entry.into(),
                hint: "copy the checkpoint's tokenizer.json or vocab.txt into the model directory"
                    .into(),
            });
        };
        inner.with_padding(None);
        inner.with_truncation(None).map_err(Error::tokenizer)?;
        let id = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| inner.token_to_id(n))
                .map(i64::from)
        };
        let cls = id(&["[CLS]", "<s>", "<cls>"]);
        let sep = id(&["[SEP]", "</s>", "<sep>"]);
        let pad = id(&["[PAD]", "<pad>"]).unwrap_or(0);
        match (cls, sep) {
            (Some(cls), Some(sep)) => Ok(WordTokenizer {
                inner,
                cls,
                sep,
                pad,
            }),
            _ => Err(Error::Config {
                path: dir.display().to_string(),
                line: 0,
                column: 0,
                message: "tokenizer has no [CLS]/<s> or [SEP]/</s> token".into(),
            }),
        }
    }

    /// Encode pre-split words (no special tokens added).
    ///
    /// Words are sub-word tokenised independently of each other, so the words are encoded in
    /// chunks of [`ENCODE_CHUNK`]: the tokenizer's per-token bookkeeping (token strings,
    /// offsets, masks) then stays bounded on very long documents; only ids are kept.
    pub fn encode_words(&self, words: &[&str]) -> Result<EncodedWords> {
        let mut out = EncodedWords {
            ids: Vec::with_capacity(words.len() + words.len() / 4),
            first: vec![None; words.len()],
        };
        for (c, chunk) in words.chunks(ENCODE_CHUNK).enumerate() {
            let base_word = c * ENCODE_CHUNK;
            let enc = self.inner.encode(chunk, false).map_err(Error::tokenizer)?;
            let base_token = out.ids.len();
            out.ids.extend(enc.get_ids().iter().map(|&i| i64::from(i)));
            for (t, w) in enc.get_word_ids().iter().enumerate() {
                if let Some(slot) = w.and_then(|w| out.first.get_mut(base_word + w as usize)) {
                    if slot.is_none() {
                        *slot = Some(base_token + t);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Vocabulary size (with added tokens).
    pub fn vocab_size(&self) -> usize {
        self.inner.get_vocab_size(true)
    }
}
