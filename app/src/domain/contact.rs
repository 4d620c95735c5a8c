use crate::i18n::Key;
use serde::{Deserialize, Serialize};

/// How a person is reached and signs in: a mobile number in E.164 form or an email address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactPoint {
    Phone(String),
    Email(String),
}

impl ContactPoint {
    pub fn parse(raw: &str) -> Result<ContactPoint, Key> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(Key::FieldRequired);
        }
        if raw.contains('@') {
            return parse_email(raw).map(ContactPoint::Email);
        }
        parse_phone(raw).map(ContactPoint::Phone)
    }

    pub fn as_str(&self) -> &str {
        match self {
            ContactPoint::Phone(p) | ContactPoint::Email(p) => p,
        }
    }
}

fn parse_email(raw: &str) -> Result<String, Key> {
    let email = raw.to_lowercase();
    let (local, domain) = email.split_once('@').ok_or(Key::FieldContactInvalid)?;
    let valid = email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.contains('.')
        && !domain.contains("..")
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || "<>()[]\\,;:\"".contains(c))
        && !domain.contains('@');
    if valid { Ok(email) } else { Err(Key::FieldContactInvalid) }
}

/// Mainland numbers may be typed without the country code; everything else must be E.164.
fn parse_phone(raw: &str) -> Result<String, Key> {
    let compact: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Key::FieldContactInvalid);
    }
    let e164 = if plus {
        digits.to_owned()
    } else if is_mainland_mobile(digits) {
        format!("86{digits}")
    } else {
        return Err(Key::FieldContactInvalid);
    };
    if let Some(national) = e164.strip_prefix("86")
        && !is_mainland_mobile(national)
    {
        return Err(Key::FieldContactInvalid);
    }
    if !(8..=15).contains(&e164.len()) || e164.starts_with('0') {
        return Err(Key::FieldContactInvalid);
    }
    Ok(format!("+{e164}"))
}

fn is_mainland_mobile(digits: &str) -> bool {
    digits.len() == 11 && digits.starts_with('1') && matches!(digits.as_bytes()[1], b'3'..=b'9')
}

/// Shows enough of a contact point to recognise it and no more: `+86 138****5678`, `w***@qq.com`.
pub fn mask_contact(value: &str) -> String {
    if let Some((local, domain)) = value.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let digits = value.trim_start_matches('+');
    if let Some(national) = digits.strip_prefix("86").filter(|n| n.len() == 11) {
        return format!("+86 {}****{}", &national[..3], &national[7..]);
    }
    let keep = digits.len().saturating_sub(4);
    let tail = &digits[keep..];
    format!("+{}{tail}", "*".repeat(keep.min(8)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_numbers_are_normalised_to_e164() {
        for raw in ["13812345678", "+86 138 1234 5678", "138-1234-5678", "+8613812345678"] {
            assert_eq!(ContactPoint::parse(raw), Ok(ContactPoint::Phone("+8613812345678".into())), "{raw}");
        }
    }

    #[test]
    fn international_numbers_need_a_plus() {
        assert_eq!(ContactPoint::parse("+852 9123 4567"), Ok(ContactPoint::Phone("+85291234567".into())));
        assert_eq!(ContactPoint::parse("85291234567"), Err(Key::FieldContactInvalid));
    }

    #[test]
    fn bad_phone_numbers_are_refused() {
        for raw in ["12345", "+86 12812345678", "+8613812", "+0123456789", "1381234567x", "+", "+1234567890123456"] {
            assert_eq!(ContactPoint::parse(raw), Err(Key::FieldContactInvalid), "{raw}");
        }
    }

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(ContactPoint::parse(" Wang@Example.CN "), Ok(ContactPoint::Email("wang@example.cn".into())));
        for raw in ["a@b", "@x.cn", "a b@x.cn", "a@@x.cn", "a@x..cn", "<s>@x.cn"] {
            assert_eq!(ContactPoint::parse(raw), Err(Key::FieldContactInvalid), "{raw}");
        }
        assert_eq!(ContactPoint::parse("  "), Err(Key::FieldRequired));
    }

    #[test]
    fn masking_hides_the_middle() {
        assert_eq!(mask_contact("+8613812345678"), "+86 138****5678");
        assert_eq!(mask_contact("wang@example.cn"), "w***@example.cn");
        assert_eq!(mask_contact("+85291234567"), "+*******4567");
    }
}
