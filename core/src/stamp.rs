//! A local date and time, as the shell read it from the clock, for file names.

/// A moment in the user's local time, to the minute. The shell reads the clock; core only
/// formats it, so every name it makes from one is testable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
    /// The hour, 0 to 23.
    pub hour: u8,
    /// The minute, 0 to 59.
    pub minute: u8,
}

impl Stamp {
    /// The date: `2026-12-04` (sorts as text, and means the same in every country).
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date and time: `2026-12-04-0824` (no `:`, which Windows and macOS refuse in names).
    pub fn date_time(&self) -> String {
        format!("{}-{:02}{:02}", self.date(), self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_fixed_width_fields_and_no_colon() {
        let at = Stamp {
            year: 2026,
            month: 3,
            day: 7,
            hour: 9,
            minute: 5,
        };
        assert_eq!(at.date(), "2026-03-07");
        assert_eq!(at.date_time(), "2026-03-07-0905");
    }
}
