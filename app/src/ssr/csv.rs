//! CSV exports of console lists: quoted per RFC 4180, with a byte-order mark so Excel opens
//! Chinese text right, and cells that a spreadsheet would run as formulas defused.

use crate::i18n::{Key, Locale};

pub struct Csv(String);

impl Csv {
    pub fn new(header: &[Key], locale: Locale) -> Csv {
        let mut csv = Csv(String::from("\u{feff}"));
        csv.row(header.iter().map(|k| k.text(locale).to_owned()));
        csv
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        let cells: Vec<String> = cells.into_iter().map(|c| cell(&c)).collect();
        self.0.push_str(&cells.join(","));
        self.0.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.0
    }
}

fn cell(raw: &str) -> String {
    // `=`, `+`, `-`, `@` at the start make a spreadsheet evaluate the cell (CSV injection).
    let defused = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{raw}") } else { raw.to_owned() };
    if defused.contains([',', '"', '\n', '\r']) { format!("\"{}\"", defused.replace('"', "\"\"")) } else { defused }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        let mut csv = Csv::new(&[Key::CsvService], Locale::En);
        csv.row(["两行\n文字".to_owned()]);
        assert_eq!(csv.finish(), "\u{feff}Service\r\n\"两行\n文字\"\r\n");
    }
}
