//! The parts every console list shares: a GET search form (bookmarkable, works without
//! JavaScript), the count of matches, the pager and the CSV link, all built from the same
//! filters so the file holds what the screen shows.

use crate::components::t;
use crate::i18n::Key;
use leptos::prelude::*;

/// A list's filters as they appear in its address: `name=value` pairs, values encoded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters(Vec<(&'static str, String)>);

impl Filters {
    pub fn new(pairs: impl IntoIterator<Item = (&'static str, String)>) -> Filters {
        Filters(pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect())
    }

    /// `path?filters` with `extra` appended, e.g. a page number.
    pub fn href(&self, path: &str, extra: Option<(&str, String)>) -> String {
        let pairs: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(extra.as_ref().map(|(k, v)| (*k, v.as_str())))
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect();
        if pairs.is_empty() { path.to_owned() } else { format!("{path}?{}", pairs.join("&")) }
    }
}

fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The search form of a list at `path`: the list's own fields (`children`), a submit button
/// and, where the list exports, the CSV of what the filters select.
#[component]
pub fn QueryForm(path: &'static str, #[prop(optional)] csv: Option<String>, children: Children) -> impl IntoView {
    view! {
        <form method="get" action=path class="form card query" role="search">
            {children()}
            <button type="submit" class="button">{t(Key::ServiceQueueFilter)}</button>
            {csv.map(|href| view! { <a class="button" href=href download="">{t(Key::ExportCsv)}</a> })}
        </form>
    }
}

/// The free-text search field of a list.
#[component]
pub fn SearchField(label: Key, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for="f-q">{t(label)}</label>
            <input id="f-q" name="q" type="search" value=value/>
        </div>
    }
}

/// How many match, in all pages.
#[component]
pub fn Matching(total: u64) -> impl IntoView {
    view! { <p class="muted" data-testid="list-total">{total}" "{t(Key::ListMatching)}</p> }
}

/// Previous and next page links that keep the filters.
#[component]
pub fn Pager(path: &'static str, filters: Filters, page: u32, more: bool) -> impl IntoView {
    let link = move |p: u32| filters.href(path, Some(("page", p.to_string())));
    let prev = page.checked_sub(1).map(&link);
    let next = more.then(|| link(page + 1));
    view! {
        <nav class="pager" aria-label=t(Key::PagerLabel)>
            {prev.map(|href| view! { <a class="button" href=href rel="prev">{t(Key::PagePrevious)}</a> })}
            {next.map(|href| view! { <a class="button" href=href rel="next">{t(Key::PageNext)}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_filters_encoded_and_drop_empty_ones() {
        let f = Filters::new([("q", "王 & 李".to_owned()), ("state", String::new())]);
        assert_eq!(f.href("/console/people", None), "/console/people?q=%E7%8E%8B%20%26%20%E6%9D%8E");
        assert_eq!(
            f.href("/console/people", Some(("page", "2".to_owned()))),
            "/console/people?q=%E7%8E%8B%20%26%20%E6%9D%8E&page=2"
        );
        assert_eq!(Filters::new([]).href("/console/triage.csv", None), "/console/triage.csv");
    }
}
