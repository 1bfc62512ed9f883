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
//! * GELU is libtorch's fused kernel, in place; residual additions are in place.
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

struct Layer {
    qkv_w: Tensor,
    qkv_b: Tensor,
    attn_out_w: Tensor,
    attn_out_b: Tensor,
    ln1_w: Tensor,
    ln1_b: Tensor,
    inter_w: Tensor,
    inter_b: Tensor,
    out_w: Tensor,
    out_b: Tensor,
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
                qkv_w,
                qkv_b,
                attn_out_w: w("attention.output.dense.weight")?,
                attn_out_b: w("attention.output.dense.bias")?,
                ln1_w: w("attention.output.LayerNorm.weight")?,
                ln1_b: w("attention.output.LayerNorm.bias")?,
                inter_w: w("intermediate.dense.weight")?,
                inter_b: w("intermediate.dense.bias")?,
                out_w: w("output.dense.weight")?,
                out_b: w("output.dense.bias")?,
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
            let qkv = x
                .linear(&layer.qkv_w, Some(&layer.qkv_b))
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
            let mut a = ctx.linear(&layer.attn_out_w, Some(&layer.attn_out_b));
            a += &x;
            let x1 = a.layer_norm([h], Some(&layer.ln1_w), Some(&layer.ln1_b), LN_EPS, false);
            let mut inter = x1.linear(&layer.inter_w, Some(&layer.inter_b));
            let _ = inter.gelu_(self.gelu);
            let mut o = inter.linear(&layer.out_w, Some(&layer.out_b));
            o += &x1;
            x = o.layer_norm([h], Some(&layer.ln2_w), Some(&layer.ln2_b), LN_EPS, false);
        }
        x.linear(&self.cls_w, Some(&self.cls_b))
    }
}
