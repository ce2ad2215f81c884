//! What the shell's storage and tab work tells the user, typed: the shell reports a
//! [`Notice`] and this is the one place its words are written.

use std::fmt;

/// Something that happened at the edge that the user should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The article open last time did not finish opening (the tab may have run out of
    /// memory), so it was not opened again.
    UnfinishedOpening {
        /// Its title, if the library knows it.
        title: Option<String>,
    },
    /// Changes that closed tabs had not saved were kept as copies beside what another tab
    /// stored meanwhile.
    RecoveredCopies(usize),
    /// The article asked for is no longer in the library.
    NoLongerSaved,
    /// The open article was deleted in another tab (this tab had nothing unsaved).
    DeletedElsewhere {
        /// Its title.
        title: String,
    },
    /// This tab handed editing over to the tab that asked.
    HandedOver,
    /// This tab may edit the article now.
    EditableHere,
    /// Another tab took editing over; `unsaved` when this tab could not save first.
    TakenOver {
        /// Whether this tab's last changes are not saved.
        unsaved: bool,
    },
    /// This tab's version was kept: as a copy with this title, or (`None`) back in the
    /// library after another tab deleted it.
    KeptMine {
        /// The copy's title.
        copy: Option<String>,
    },
    /// Keeping this tab's version failed: its id is taken.
    KeepFailed,
    /// The article deleted in another tab was closed here.
    ClosedDeleted,
}

impl Notice {
    /// Whether it reports a problem (an alert rather than a status).
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Notice::UnfinishedOpening { .. }
                | Notice::NoLongerSaved
                | Notice::TakenOver { unsaved: true }
                | Notice::KeepFailed
        )
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::UnfinishedOpening { title } => {
                match title {
                    Some(t) => write!(f, "“{t}”")?,
                    None => f.write_str("The last article")?,
                }
                f.write_str(
                    " did not finish opening last time (the tab may have run out of memory), so \
                     it was not opened again. It is kept in the library: open it from there \
                     when you are ready, or export it.",
                )
            }
            Notice::RecoveredCopies(n) => {
                for i in 0..*n {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str(
                        "Changes a closed tab had not saved, made while another tab changed the \
                         same article, are kept as a second copy in the library.",
                    )?;
                }
                Ok(())
            }
            Notice::NoLongerSaved => f.write_str("That article is no longer in the library."),
            Notice::DeletedElsewhere { title } => {
                write!(f, "“{title}” was deleted in another tab.")
            }
            Notice::HandedOver => f.write_str(
                "Editing of this article moved to another tab; this tab shows it read only and \
                 follows its changes.",
            ),
            Notice::EditableHere => f.write_str("You can edit this article here now."),
            Notice::TakenOver { unsaved: true } => f.write_str(
                "Another tab took over editing this article before this tab had saved its last \
                 changes; they are still on screen.",
            ),
            Notice::TakenOver { unsaved: false } => f.write_str(
                "Another tab took over editing this article; this tab shows it read only.",
            ),
            Notice::KeptMine { copy: Some(t) } => write!(
                f,
                "Kept this tab's version as “{t}”; the other tab's version is in the library too."
            ),
            Notice::KeptMine { copy: None } => {
                f.write_str("Kept the article: it is in the library again.")
            }
            Notice::KeepFailed => {
                f.write_str("Could not keep it: that id is taken. Export it instead.")
            }
            Notice::ClosedDeleted => f.write_str("Closed the deleted article."),
        }
    }
}
