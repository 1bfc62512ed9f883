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
//! (about 1e-6 on the log-probabilities).
//!
//! The model entry's `precision` changes only the projections (Q/K/V, attention output and
//! the feed-forward pair; embeddings, layer norms, attention and the classifier stay fp32):
//! * `bf16`: weights stored in bfloat16, activations cast on the way in, oneDNN's AVX512-BF16
//!   kernels; the feed-forward activations stay bf16 between the two projections;
//! * `int8`: dynamic quantisation: weights symmetric int8 with one scale per output row
//!   (quantised once at load, packed for fbgemm); activations quantised **per token**: each
//!   row is divided by its own absolute maximum, and fbgemm quantises the rows (asymmetric
//!   uint8) over the fixed range [-1, 1] (an anchor row holding 1 and -1 pins fbgemm's
//!   per-call range); int32 accumulation on VNNI; the output is multiplied back by the row's
//!   maximum and the weight row scales, in fp32. A token's numbers therefore depend on that
//!   token's activations alone, never on what it is batched with or on padding.
//!
//! Anything else (other activations, RoBERTa, DistilBERT, missing tensors) keeps rust-bert's
//! forward, in fp32.

use std::collections::HashMap;

use rust_bert::bert::BertConfig;
use rust_bert::Activation;
use tch::{nn, Kind, Tensor};

use crate::config::Precision;

/// Layer-norm epsilon used by rust-bert's BERT (hard-coded there; kept for equal results).
const LN_EPS: f64 = 1e-12;

/// A weight matrix ready for one precision.
enum Weights {
    /// fp32 `[n, k]`.
    F32(Tensor),
    /// bfloat16 `[n, k]` (bias in bf16 too).
    Bf16 { w: Tensor, b: Tensor },
    /// Symmetric int8, one scale per output row, packed for fbgemm.
    Int8 {
        /// `[n, k]` int8 (fbgemm reads it next to the packed copy).
        q: Tensor,
        packed: Tensor,
        /// Per-row sums of `q` (int32), fbgemm's zero-point correction.
        col_offsets: Tensor,
        /// `[n]` fp32 row scales, applied after the integer product.
        scale: Tensor,
        /// `[n]` zeros: the bias is added after the row scales.
        zero_bias: Tensor,
        /// `[1, k]` fp32 `(1, -1, 0, ...)`: appended to every input so that fbgemm's per-call
        /// range is exactly [-1, 1].
        anchor: Tensor,
    },
}

/// A dense projection `x·wᵀ + b`.
struct Linear {
    weights: Weights,
    /// fp32 bias `[n]`.
    b: Tensor,
    /// Output features.
    n: i64,
}

/// Per-row symmetric int8 quantisation of `w [n, k]`: `(q, scales)`.
fn quantize_rows(w: &Tensor) -> (Tensor, Tensor) {
    let scale = w
        .abs()
        .amax([1i64].as_slice(), true)
        .clamp_min(1e-8)
        .divide_scalar(127.0);
    let q = (w / &scale)
        .round()
        .clamp(-127.0, 127.0)
        .to_kind(Kind::Int8);
    (q, scale.view([-1]))
}

/// `[1, k]` fp32 row `(1, -1, 0, ...)` (the range pin of [`Linear::int8`]).
fn anchor_row(k: i64, device: tch::Device) -> Tensor {
    let mut v = vec![0f32; k.max(0) as usize];
    for (slot, value) in v.iter_mut().zip([1.0, -1.0]) {
        *slot = value;
    }
    Tensor::from_slice(&v).view([1, -1]).to_device(device)
}

impl Linear {
    fn new(w: Tensor, b: Tensor, precision: Precision) -> Linear {
        let n = w.size()[0];
        let weights = match precision {
            Precision::Fp32 => Weights::F32(w),
            Precision::Bf16 => Weights::Bf16 {
                w: w.to_kind(Kind::BFloat16),
                b: b.to_kind(Kind::BFloat16),
            },
            Precision::Int8 => {
                let (q, scale) = quantize_rows(&w);
                let q = q.contiguous();
                Weights::Int8 {
                    packed: q.fbgemm_pack_quantized_matrix(),
                    col_offsets: q.sum_dim_intlist([1i64].as_slice(), false, Kind::Int),
                    zero_bias: Tensor::zeros([n], (Kind::Float, w.device())),
                    anchor: anchor_row(w.size()[1], w.device()),
                    q,
                    scale,
                }
            }
        };
        Linear { weights, b, n }
    }

    /// `x [.., k]` (fp32) → `[.., n]` (fp32), dense in and out.
    fn dense(&self, x: &Tensor, onednn: bool) -> Tensor {
        let mut shape = x.size();
        let k = shape.pop().unwrap_or(1);
        shape.push(self.n);
        let x2 = x.reshape([-1, k]);
        let y = match &self.weights {
            Weights::F32(_) if onednn => {
                return self
                    .onednn(&x2.to_mkldnn())
                    .to_dense(None, false)
                    .view(shape.as_slice());
            }
            Weights::F32(w) => x2.linear(w, Some(&self.b)),
            Weights::Bf16 { .. } => self.bf16(&x2.to_kind(Kind::BFloat16)).to_kind(Kind::Float),
            Weights::Int8 { .. } => self.int8(&x2),
        };
        y.view(shape.as_slice())
    }

    /// oneDNN layout in and out (`x [m, k]`, fp32 weights only).
    fn onednn(&self, x: &Tensor) -> Tensor {
        match &self.weights {
            Weights::F32(w) => x.mkldnn_linear(w, Some(&self.b)),
            _ => x
                .to_dense(None, false)
                .linear(&self.dequantized(), Some(&self.b))
                .to_mkldnn(),
        }
    }

    /// bf16 in and out (`x [m, k]`).
    fn bf16(&self, x: &Tensor) -> Tensor {
        match &self.weights {
            Weights::Bf16 { w, b } => x.linear(w, Some(b)),
            _ => x
                .to_kind(Kind::Float)
                .linear(&self.dequantized(), Some(&self.b))
                .to_kind(Kind::BFloat16),
        }
    }

    /// Dynamic int8, per token: each row of `x [m, k]` is divided by its absolute maximum;
    /// fbgemm quantises the rows over [-1, 1] (pinned by the anchor row: its per-call range is
    /// always exactly that), multiplies in int8 with int32 accumulation and returns fp32; the
    /// rows' maxima, the weight row scales and the bias follow. Every step is per element or
    /// exact integer arithmetic, so a row's output depends on that row alone.
    fn int8(&self, x: &Tensor) -> Tensor {
        match &self.weights {
            Weights::Int8 {
                q,
                packed,
                col_offsets,
                scale,
                zero_bias,
                anchor,
            } => {
                let (m, k) = x.size2().unwrap_or((0, 0));
                let row_max = x.abs().amax([1i64].as_slice(), true).clamp_min(1e-12);
                // The scaled rows are written straight into the buffer that holds the anchor
                // row: `cat` of a fresh quotient cost 5x as much (one more large allocation).
                let pinned = Tensor::empty([m + 1, k], (Kind::Float, x.device()));
                let _ = x.div_out(&pinned.narrow(0, 0, m), &row_max);
                pinned.narrow(0, m, 1).copy_(anchor);
                let y = Tensor::fbgemm_linear_int8_weight_fp32_activation(
                    &pinned,
                    q,
                    packed,
                    col_offsets,
                    tch::Scalar::float(1.0),
                    tch::Scalar::int(0),
                    zero_bias,
                );
                // In place on the first m rows (a contiguous view): row maxima, weight row
                // scales, bias.
                let mut y = y.narrow(0, 0, m);
                y *= &row_max;
                y *= scale;
                y += &self.b;
                y
            }
            _ => x.linear(&self.dequantized(), Some(&self.b)),
        }
    }

    /// The weight as fp32 (fallback for a call that does not match the stored precision).
    fn dequantized(&self) -> Tensor {
        match &self.weights {
            Weights::F32(w) => w.shallow_clone(),
            Weights::Bf16 { w, .. } => w.to_kind(Kind::Float),
            Weights::Int8 { q, scale, .. } => q.to_kind(Kind::Float) * scale.unsqueeze(1),
        }
    }
}

/// Whether fbgemm's int8 kernels run in this libtorch (x86-64 builds). libtorch 2.4 prints
/// one-time deprecation warnings on stderr at the first `fbgemm_pack_quantized_matrix` and
/// `fbgemm_linear_int8_weight_fp32_activation` calls; users must not see them, so the first
/// calls of the process are tiny ones made here with file descriptor 2 pointed at /dev/null
/// (for the microseconds they take; other threads' stderr output in that instant is lost too).
fn int8_usable() -> bool {
    static USABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *USABLE.get_or_init(|| {
        let probe = || -> std::result::Result<bool, tch::TchError> {
            let cpu = tch::Device::Cpu;
            let x = Tensor::ones([1, 4], (Kind::Float, cpu));
            let q = Tensor::ones([2, 4], (Kind::Int8, cpu));
            let y = Tensor::f_fbgemm_linear_int8_weight_fp32_activation(
                &x,
                &q,
                &q.f_fbgemm_pack_quantized_matrix()?,
                &q.f_sum_dim_intlist([1i64].as_slice(), false, Kind::Int)?,
                tch::Scalar::float(1.0),
                tch::Scalar::int(0),
                &Tensor::zeros([2], (Kind::Float, cpu)),
            )?;
            Ok(y.size() == [1, 2] && (y.double_value(&[0, 0]) - 4.0).abs() < 0.1)
        };
        let mut ok = false;
        with_stderr_silenced(|| ok = tch::no_grad(|| probe().unwrap_or(false)));
        ok
    })
}

/// Run `f` with file descriptor 2 redirected to /dev/null, then restore it.
fn with_stderr_silenced(f: impl FnOnce()) {
    use std::os::fd::AsRawFd;
    let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") else {
        f();
        return;
    };
    // SAFETY: plain POSIX descriptor calls on descriptors we own; 2 is restored from its dup.
    unsafe {
        let saved = libc::dup(2);
        if saved < 0 {
            f();
            return;
        }
        libc::dup2(null.as_raw_fd(), 2);
        f();
        libc::dup2(saved, 2);
        libc::close(saved);
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
    /// fp32 projections on oneDNN (see the module doc).
    onednn: bool,
    /// Arithmetic of the projections.
    precision: Precision,
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
    pub(crate) fn from_var_store(
        vs: &nn::VarStore,
        cfg: &BertConfig,
        precision: Precision,
    ) -> Option<FastBert> {
        // fbgemm and oneDNN's bf16 kernels are CPU kernels; int8 needs fbgemm (x86-64).
        let precision = match precision {
            _ if vs.device() != tch::Device::Cpu => Precision::Fp32,
            Precision::Int8 if !int8_usable() => Precision::Fp32,
            p => p,
        };
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
                qkv: Linear::new(qkv_w, qkv_b, precision),
                attn_out: Linear::new(
                    w("attention.output.dense.weight")?,
                    w("attention.output.dense.bias")?,
                    precision,
                ),
                ln1_w: w("attention.output.LayerNorm.weight")?,
                ln1_b: w("attention.output.LayerNorm.bias")?,
                inter: Linear::new(
                    w("intermediate.dense.weight")?,
                    w("intermediate.dense.bias")?,
                    precision,
                ),
                out: Linear::new(
                    w("output.dense.weight")?,
                    w("output.dense.bias")?,
                    precision,
                ),
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
            onednn: precision == Precision::Fp32
                && vs.device() == tch::Device::Cpu
                && onednn_usable(),
            precision,
        })
    }

    /// The arithmetic of the projections.
    pub(crate) fn precision(&self) -> Precision {
        self.precision
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
            let mut o = self.feed_forward(layer, &x1);
            o += &x1;
            x = o.layer_norm([h], Some(&layer.ln2_w), Some(&layer.ln2_b), LN_EPS, false);
        }
        x.linear(&self.cls_w, Some(&self.cls_b))
    }

    /// The feed-forward block `out(gelu(inter(x1)))` of one layer, `[b, l, h]` fp32 in and out;
    /// the `[b, l, 4h]` activations stay in the projections' precision (and layout).
    fn feed_forward(&self, layer: &Layer, x1: &Tensor) -> Tensor {
        let shape = x1.size();
        let x2 = x1.reshape([-1, self.hidden]);
        let y = match self.precision {
            Precision::Fp32 if self.onednn => {
                let inter = layer.inter.onednn(&x2.to_mkldnn()).gelu(self.gelu);
                layer.out.onednn(&inter).to_dense(None, false)
            }
            Precision::Fp32 => {
                let mut inter = layer.inter.dense(&x2, false);
                let _ = inter.gelu_(self.gelu);
                layer.out.dense(&inter, false)
            }
            Precision::Bf16 => {
                let mut inter = layer.inter.bf16(&x2.to_kind(Kind::BFloat16));
                let _ = inter.gelu_(self.gelu);
                layer.out.bf16(&inter).to_kind(Kind::Float)
            }
            Precision::Int8 => {
                let mut inter = layer.inter.int8(&x2);
                let _ = inter.gelu_(self.gelu);
                layer.out.int8(&inter)
            }
        };
        y.view(shape.as_slice())
    }
}
