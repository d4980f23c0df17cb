//! Text stages: decoding bytes and normalizing the decoded document.

pub mod decode;
pub mod normalize;
