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

/// The page's language and senior mode, as context: for the app, and again at the top of each
/// island, which the browser starts on its own without the app's context.
pub fn provide_page_settings() {
    provide_context(crate::current_locale());
    provide_context(Elderly(crate::current_elderly()));
}

pub fn elderly() -> bool {
    use_context::<Elderly>().is_some_and(|e| e.0)
}

/// The text of `key` in the page's language.
pub fn t(key: Key) -> &'static str {
    key.text(use_context::<Locale>().unwrap_or_default())
}
