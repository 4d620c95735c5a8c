pub mod chart;
pub mod discussion;
pub mod form;
pub mod layout;
pub mod listing;
pub mod viewer;

use crate::i18n::{Key, Locale};
use leptos::prelude::*;

/// The text of `key` in the page's language.
pub fn t(key: Key) -> &'static str {
    key.text(use_context::<Locale>().unwrap_or_default())
}
