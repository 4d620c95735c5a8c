pub mod chart;
pub mod discussion;
pub mod form;
pub mod layout;
pub mod listing;
pub mod viewer;

use crate::i18n::{Key, Locale};
use leptos::prelude::*;

/// 长辈模式 for this page: larger text and buttons, the simple home.
#[derive(Clone, Copy, Debug, Default)]
pub struct Elderly(pub bool);

pub fn elderly() -> bool {
    use_context::<Elderly>().is_some_and(|e| e.0)
}

/// The text of `key` in the page's language.
pub fn t(key: Key) -> &'static str {
    key.text(use_context::<Locale>().unwrap_or_default())
}
