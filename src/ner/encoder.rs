//! A leaner inference-only forward pass for BERT token classifiers, over the very tensors
//! that rust-bert's `BertForTokenClassification` loaded into the `VarStore`.
//!
//! rust-bert's forward spends about as long outside the matrix multiplies as in them: it
//! builds attention with a division, a bmm, a mask addition, a softmax and a second bmm
//! (five passes over a `[batch, heads, len, len]` tensor), and GELU as five element-wise
//! passes over the `[batch, len, 4·hidden]` feed-forward activations. Here:
//! * Q, K and V come from one matrix multiply (weights concatenated once at load);
//! * attention is libtorch's fused `scaled_dot_product_attention` (flash kernel on CPU;
//!   the padding mask is a boolean over keys);
//! * GELU is libtorch's fused kernel, in place; residual additions are in place;
//! * the projections run on oneDNN (bundled in libtorch as MKL-DNN) instead of MKL's sgemm
//!   when libtorch has it: on AMD CPUs MKL only uses its AVX2 kernels while oneDNN uses
//!   AVX-512, about twice the rate. The feed-forward block stays in oneDNN's layout between
//!   its two projections (GELU runs there too). `DETENTE_ONEDNN=0` turns this off.
//!
//! The arithmetic is the same network; results agree with rust-bert's to float rounding
//! (about 1e-6 on the log-probabilities). Anything else (other activations, RoBERTa,
//! DistilBERT, missing tensors) keeps rust-bert's forward.

use std::collections::HashMap;

use rust_bert::bert::BertConfig;
use rust_bert::Activation;
use tch::{nn, Kind, Tensor};

/// Layer-norm epsilon used by rust-bert's BERT (hard-coded there; kept for equal results).
const LN_EPS: f64 = 1e-12;

/// A dense projection `x·wᵀ + b`.
struct Linear {
    w: Tensor,
    b: Tensor,
    /// Output features.
    n: i64,
}

impl Linear {
    fn new(w: Tensor, b: Tensor) -> Linear {
        let n = w.size()[0];
        Linear { w, b, n }
    }

    /// `x [.., k]` → `[.., n]`, dense in and out.
    fn dense(&self, x: &Tensor, onednn: bool) -> Tensor {
        if !onednn {
            return x.linear(&self.w, Some(&self.b));
        }
        let mut shape = x.size();
        let k = shape.pop().unwrap_or(1);
        shape.push(self.n);
        self.onednn(&x.reshape([-1, k]).to_mkldnn())
            .to_dense(None, false)
            .view(shape.as_slice())
    }

    /// oneDNN layout in and out (`x [m, k]`).
    fn onednn(&self, x: &Tensor) -> Tensor {
        x.mkldnn_linear(&self.w, Some(&self.b))
    }
}

struct Layer {
    qkv: Linear,
    attn_out: Linear,
    ln1_w: Tensor,
    ln1_b: Tensor,
    inter: Linear,
    out: Linear,
    ln2_w: Tensor,
    ln2_b: Tensor,
}

/// The fast BERT token-classification forward (see the module doc).
pub(crate) struct FastBert {
    word: Tensor,
    position: Tensor,
    token_type0: Tensor,
    emb_ln_w: Tensor,
    emb_ln_b: Tensor,
    layers: Vec<Layer>,
    cls_w: Tensor,
    cls_b: Tensor,
    heads: i64,
    hidden: i64,
    gelu: &'static str,
    /// Projections on oneDNN (see the module doc).
    onednn: bool,
}

/// Whether this libtorch runs `mkldnn_linear` (and GELU in oneDNN layout), unless
/// `DETENTE_ONEDNN=0`.
fn onednn_usable() -> bool {
    if std::env::var("DETENTE_ONEDNN").is_ok_and(|v| v == "0") {
        return false;
    }
    let probe = || -> std::result::Result<bool, tch::TchError> {
        let x = Tensor::ones([2, 3], (Kind::Float, tch::Device::Cpu));
        let w = Tensor::ones([4, 3], (Kind::Float, tch::Device::Cpu));
        let b = Tensor::zeros([4], (Kind::Float, tch::Device::Cpu));
        let y = x
            .f_to_mkldnn(Kind::Float)?
            .f_mkldnn_linear(&w, Some(&b))?
            .f_gelu("none")?;
        let y = y.f_to_dense(None::<Kind>, false)?;
        Ok(y.size() == [2, 4] && (y.double_value(&[0, 0]) - 2.9960).abs() < 1e-3)
    };
    tch::no_grad(|| probe().unwrap_or(false))
}

impl FastBert {
    /// Build from a loaded `VarStore` holding a `BertForTokenClassification` (rooted at
    /// `bert.` and `classifier.`). `None` when the configuration or the tensors do not fit.
    pub(crate) fn from_var_store(vs: &nn::VarStore, cfg: &BertConfig) -> Option<FastBert> {
        let gelu = match cfg.hidden_act {
            Activation::gelu => "none",
            _ => return None,
        };
        if cfg.is_decoder == Some(true) || cfg.hidden_size % cfg.num_attention_heads != 0 {
            return None;
        }
        let vars: HashMap<String, Tensor> = vs.variables();
        let get = |name: &str| vars.get(name).map(Tensor::shallow_clone);
        let p = "bert.embeddings.";
        let mut layers = Vec::new();
        for i in 0..cfg.num_hidden_layers {
            let l = format!("bert.encoder.layer.{i}.");
            let w = |s: &str| get(&format!("{l}{s}"));
            let qkv_w = Tensor::cat(
                &[
                    w("attention.self.query.weight")?,
                    w("attention.self.key.weight")?,
                    w("attention.self.value.weight")?,
                ],
                0,
            );
            let qkv_b = Tensor::cat(
                &[
                    w("attention.self.query.bias")?,
                    w("attention.self.key.bias")?,
                    w("attention.self.value.bias")?,
                ],
                0,
            );
            layers.push(Layer {
                qkv: Linear::new(qkv_w, qkv_b),
                attn_out: Linear::new(
                    w("attention.output.dense.weight")?,
                    w("attention.output.dense.bias")?,
                ),
                ln1_w: w("attention.output.LayerNorm.weight")?,
                ln1_b: w("attention.output.LayerNorm.bias")?,
                inter: Linear::new(
                    w("intermediate.dense.weight")?,
                    w("intermediate.dense.bias")?,
                ),
                out: Linear::new(w("output.dense.weight")?, w("output.dense.bias")?),
                ln2_w: w("output.LayerNorm.weight")?,
                ln2_b: w("output.LayerNorm.bias")?,
            });
        }
        Some(FastBert {
            word: get(&format!("{p}word_embeddings.weight"))?,
            position: get(&format!("{p}position_embeddings.weight"))?,
            token_type0: get(&format!("{p}token_type_embeddings.weight"))?.get(0),
            emb_ln_w: get(&format!("{p}LayerNorm.weight"))?,
            emb_ln_b: get(&format!("{p}LayerNorm.bias"))?,
            layers,
            cls_w: get("classifier.weight")?,
            cls_b: get("classifier.bias")?,
            heads: cfg.num_attention_heads,
            hidden: cfg.hidden_size,
            gelu,
            onednn: vs.device() == tch::Device::Cpu && onednn_usable(),
        })
    }

    /// Logits `[batch, len, classes]` for token ids `[batch, len]`; `mask` (1 = token,
    /// 0 = padding) is only consulted when `padded`.
    pub(crate) fn logits(&self, ids: &Tensor, mask: &Tensor, padded: bool) -> Tensor {
        let (b, l) = ids.size2().unwrap_or((1, 1));
        let (h, heads) = (self.hidden, self.heads);
        let d = h / heads;
        // Embeddings, summed in rust-bert's order: words + positions + token type 0.
        let mut x = self.word.index_select(0, &ids.view([-1])).view([b, l, h]);
        x += self.position.narrow(0, 0, l);
        x += &self.token_type0;
        let mut x = x.layer_norm(
            [h],
            Some(&self.emb_ln_w),
            Some(&self.emb_ln_b),
            LN_EPS,
            false,
        );
        // Keys that are padding get no attention weight. (tch turns a `None` mask into an
        // undefined tensor that libtorch 2.4 rejects, so an unpadded batch gets an all-true
        // mask.)
        let attn_mask = if padded {
            mask.to_kind(Kind::Bool).view([b, 1, 1, l])
        } else {
            Tensor::ones([b, 1, 1, l], (Kind::Bool, ids.device()))
        };
        for layer in &self.layers {
            let qkv = layer
                .qkv
                .dense(&x, self.onednn)
                .view([b, l, 3, heads, d])
                .permute([2, 0, 3, 1, 4]);
            let ctx = Tensor::scaled_dot_product_attention(
                &qkv.get(0),
                &qkv.get(1),
                &qkv.get(2),
                Some(&attn_mask),
                0.0,
                false,
                None,
            )
            .transpose(1, 2)
            .reshape([b, l, h]);
            let mut a = layer.attn_out.dense(&ctx, self.onednn);
            a += &x;
            let x1 = a.layer_norm([h], Some(&layer.ln1_w), Some(&layer.ln1_b), LN_EPS, false);
            let mut o = if self.onednn {
                let inter = layer
                    .inter
                    .onednn(&x1.reshape([-1, h]).to_mkldnn())
                    .gelu(self.gelu);
                layer
                    .out
                    .onednn(&inter)
                    .to_dense(None, false)
                    .view([b, l, h])
            } else {
                let mut inter = layer.inter.dense(&x1, false);
                let _ = inter.gelu_(self.gelu);
                layer.out.dense(&inter, false)
            };
            o += &x1;
            x = o.layer_norm([h], Some(&layer.ln2_w), Some(&layer.ln2_b), LN_EPS, false);
        }
        x.linear(&self.cls_w, Some(&self.cls_b))
    }
}
