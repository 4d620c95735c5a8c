use crate::i18n::Key;
use std::fmt;

fn clean(raw: &str) -> String {
    raw.trim().to_owned()
}

fn char_len(s: &str) -> usize {
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
        let valid =
            char_len(&room) <= 10 && room.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if valid {
            Ok(RoomNumber(room))
        } else {
            Err(Key::FieldRoomInvalid)
        }
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
        assert_eq!(
            DisplayName::parse("  王阿姨 ").unwrap().into_inner(),
            "王阿姨"
        );
        assert_eq!(DisplayName::parse(" "), Err(Key::FieldRequired));
        assert_eq!(
            DisplayName::parse(&"名".repeat(41)),
            Err(Key::FieldNameLength)
        );
        assert!(DisplayName::parse(&"名".repeat(40)).is_ok());
        assert_eq!(DisplayName::parse("a\u{0}b"), Err(Key::FieldNameLength));
    }

    #[test]
    fn passwords_need_eight_characters_counted_as_characters() {
        assert_eq!(Password::parse("short"), Err(Key::FieldPasswordShort));
        assert!(Password::parse("八个汉字八个汉字").is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(129)),
            Err(Key::FieldPasswordLong)
        );
        assert_eq!(
            format!("{:?}", Password::parse("secret-pass").unwrap()),
            "Password(***)"
        );
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
