//! The local date and time, for file names.

use annotator_core::stamp::Stamp;

/// Now, in the user's local time zone, to the minute.
pub fn now() -> Stamp {
    let d = js_sys::Date::new_0();
    // The Date getters return small whole numbers in range; the casts cannot truncate.
    Stamp {
        year: d.get_full_year() as i32,
        month: (d.get_month() + 1) as u8,
        day: d.get_date() as u8,
        hour: d.get_hours() as u8,
        minute: d.get_minutes() as u8,
    }
}
