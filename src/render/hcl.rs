//! HCL string escaping for askama's `tf` templates.
//!
//! Every value a template prints inside a quoted HCL string goes through [`Hcl`], so config text
//! with quotes, backslashes, newlines or `${`/`%{` reaches Terraform as a literal string.
//! Rules from the HCL native syntax spec: `\` `"` and control characters are backslash-escaped,
//! and template introducers are doubled (`$${`, `%%{`).

use std::fmt::{self, Write};

/// The askama escaper registered for `.tf` templates in askama.toml.
#[derive(Debug, Clone, Copy)]
pub struct Hcl;

impl askama::filters::Escaper for Hcl {
    fn write_escaped_str<W: Write>(&self, mut dest: W, string: &str) -> fmt::Result {
        let mut chars = string.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => dest.write_str("\\\\")?,
                '"' => dest.write_str("\\\"")?,
                '\n' => dest.write_str("\\n")?,
                '\r' => dest.write_str("\\r")?,
                '\t' => dest.write_str("\\t")?,
                // `${` and `%{` open interpolations and directives; doubling the sigil makes
                // them literal. A lone `$` or `%` at the end of a value is written as a \u
                // escape, so a `{` that follows in the template cannot pair with it.
                '$' | '%' if chars.peek() == Some(&'{') => {
                    dest.write_char(c)?;
                    dest.write_char(c)?;
                }
                '$' if chars.peek().is_none() => dest.write_str("\\u0024")?,
                '%' if chars.peek().is_none() => dest.write_str("\\u0025")?,
                c if c.is_control() => write!(dest, "\\u{:04x}", c as u32)?,
                c => dest.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// `value` escaped for use between double quotes in HCL.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    // Writing into a String cannot fail.
    let _ = askama::filters::Escaper::write_escaped_str(&Hcl, &mut out, value);
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_every_hcl_special() {
        let cases = [
            ("plain", "plain"),
            (r#"say "hi""#, r#"say \"hi\""#),
            (r"back\slash", r"back\\slash"),
            ("two\nlines\r\tx", r"two\nlines\r\tx"),
            ("${var.x}", "$${var.x}"),
            ("%{ if }", "%%{ if }"),
            ("cost $5 and 10% off", "cost $5 and 10% off"),
            ("ends in $", r"ends in \u0024"),
            ("ends in %", r"ends in \u0025"),
            ("bell\u{7}", r"bell\u0007"),
            ("emoji 📞 & <ok>", "emoji 📞 & <ok>"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "input {input:?}");
        }
    }
}
