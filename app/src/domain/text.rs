use crate::i18n::Key;
use std::fmt;

pub(super) fn clean(raw: &str) -> String {
    raw.trim().to_owned()
}

pub(super) fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// The name neighbours see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, Key> {
        let name = clean(raw);
        if name.is_empty() {
            return Err(Key::FieldRequired);
        }
        if char_len(&name) > 40 || has_control(&name) {
            return Err(Key::FieldNameLength);
        }
        Ok(DisplayName(name))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A password as typed. Deliberately neither `Serialize` nor `Display`, and `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Password, Key> {
        match char_len(raw) {
            0 => Err(Key::FieldRequired),
            1..8 => Err(Key::FieldPasswordShort),
            8..=128 => Ok(Password(raw.to_owned())),
            _ => Err(Key::FieldPasswordLong),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A flat number inside an entrance, e.g. `302` or `12-A`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomNumber(String);

impl RoomNumber {
    pub fn parse(raw: &str) -> Result<RoomNumber, Key> {
        let room = clean(raw).to_uppercase();
        if room.is_empty() {
            return Err(Key::FieldRequired);
        }
        let valid = char_len(&room) <= 10 && room.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if valid { Ok(RoomNumber(room)) } else { Err(Key::FieldRoomInvalid) }
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The name of a community, building or entrance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceName(String);

impl PlaceName {
    pub fn parse(raw: &str) -> Result<PlaceName, Key> {
        let name = clean(raw);
        if name.is_empty() {
            return Err(Key::FieldRequired);
        }
        if char_len(&name) > 40 || has_control(&name) {
            return Err(Key::FieldPlaceName);
        }
        Ok(PlaceName(name))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A written reason a person will read: why they were declined, why content was hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(String);

impl Reason {
    pub fn parse(raw: &str) -> Result<Reason, Key> {
        let reason = clean(raw);
        if reason.is_empty() {
            return Err(Key::FieldRequired);
        }
        if !(2..=200).contains(&char_len(&reason)) {
            return Err(Key::FieldReasonLength);
        }
        Ok(Reason(reason))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  王阿姨 ").unwrap().into_inner(), "王阿姨");
        assert_eq!(DisplayName::parse(" "), Err(Key::FieldRequired));
        assert_eq!(DisplayName::parse(&"名".repeat(41)), Err(Key::FieldNameLength));
        assert!(DisplayName::parse(&"名".repeat(40)).is_ok());
        assert_eq!(DisplayName::parse("a\u{0}b"), Err(Key::FieldNameLength));
    }

    #[test]
    fn passwords_need_eight_characters_counted_as_characters() {
        assert_eq!(Password::parse("short"), Err(Key::FieldPasswordShort));
        assert!(Password::parse("八个汉字八个汉字").is_ok());
        assert_eq!(Password::parse(&"x".repeat(129)), Err(Key::FieldPasswordLong));
        assert_eq!(format!("{:?}", Password::parse("secret-pass").unwrap()), "Password(***)");
    }

    #[test]
    fn room_numbers_are_short_and_plain() {
        assert_eq!(RoomNumber::parse(" 12-a ").unwrap().into_inner(), "12-A");
        assert_eq!(RoomNumber::parse("3 01"), Err(Key::FieldRoomInvalid));
        assert_eq!(RoomNumber::parse("<b>"), Err(Key::FieldRoomInvalid));
    }

    #[test]
    fn reasons_have_a_length() {
        assert_eq!(Reason::parse("x"), Err(Key::FieldReasonLength));
        assert!(Reason::parse("地址不符").is_ok());
        assert_eq!(Reason::parse(&"x".repeat(201)), Err(Key::FieldReasonLength));
    }
}

/// What a resident asks for, in their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpDescription(String);

impl HelpDescription {
    pub fn parse(raw: &str) -> Result<HelpDescription, Key> {
        let text = clean(raw);
        if text.is_empty() {
            return Err(Key::FieldRequired);
        }
        if !(4..=500).contains(&char_len(&text)) {
            return Err(Key::FieldDescriptionLength);
        }
        Ok(HelpDescription(text))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A short optional note: a thank-you, the reason a volunteer hands a request back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortNote(String);

impl ShortNote {
    pub fn parse(raw: &str) -> Result<ShortNote, Key> {
        let text = clean(raw);
        if text.is_empty() {
            return Err(Key::FieldRequired);
        }
        if char_len(&text) > 200 {
            return Err(Key::FieldNoteLength);
        }
        Ok(ShortNote(text))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// The key a form sends so that a retried submission is recognised, not repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<IdempotencyKey, Key> {
        let key = raw.trim();
        let valid =
            (8..=64).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if valid { Ok(IdempotencyKey(key.to_owned())) } else { Err(Key::ErrInvalid) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Stars, one to five.
pub fn parse_rating(raw: &str) -> Result<i32, Key> {
    match raw.trim().parse::<i32>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(Key::FieldRating),
    }
}

/// Minutes a volunteer spent, up to a long day.
pub fn parse_minutes(raw: &str) -> Result<i32, Key> {
    match raw.trim().parse::<i32>() {
        Ok(n) if (1..=720).contains(&n) => Ok(n),
        _ => Err(Key::FieldMinutes),
    }
}

#[cfg(test)]
mod help_tests {
    use super::*;

    #[test]
    fn help_texts_and_numbers_are_bounded() {
        assert_eq!(HelpDescription::parse("买菜"), Err(Key::FieldDescriptionLength));
        assert!(HelpDescription::parse("帮忙买两斤鸡蛋").is_ok());
        assert_eq!(HelpDescription::parse(&"字".repeat(501)), Err(Key::FieldDescriptionLength));
        assert_eq!(ShortNote::parse(&"谢".repeat(201)), Err(Key::FieldNoteLength));
        assert!(IdempotencyKey::parse("k-1234567").is_ok());
        assert!(IdempotencyKey::parse("short").is_err());
        assert!(IdempotencyKey::parse("has space in it").is_err());
        assert_eq!(parse_rating("5"), Ok(5));
        assert_eq!(parse_rating("6"), Err(Key::FieldRating));
        assert_eq!(parse_minutes("0"), Err(Key::FieldMinutes));
        assert_eq!(parse_minutes("45"), Ok(45));
    }
}

/// A watch alert or a reply to one: short, so it reads at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertText(String);

impl AlertText {
    pub fn parse(raw: &str) -> Result<AlertText, Key> {
        let text = clean(raw);
        if text.is_empty() {
            return Err(Key::FieldRequired);
        }
        if char_len(&text) > 140 || has_control(&text) {
            return Err(Key::FieldAlertLength);
        }
        Ok(AlertText(text))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod alert_tests {
    use super::*;

    #[test]
    fn alerts_are_at_most_140_characters() {
        assert!(AlertText::parse(&"注".repeat(140)).is_ok());
        assert_eq!(AlertText::parse(&"注".repeat(141)), Err(Key::FieldAlertLength));
        assert_eq!(AlertText::parse("  "), Err(Key::FieldRequired));
    }
}
