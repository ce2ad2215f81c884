//! A new version of the app, deployed while this one is open: the service worker has cached it
//! and waits. The page offers "Update"; the new version takes over only once everything on
//! screen is saved, so a deploy never switches versions under unsaved work.

use super::effect::Effect;
use super::event::Event;
use super::model::Model;

/// Where a new version of the app stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NewVersion {
    /// None is waiting.
    #[default]
    None,
    /// One is ready: "Update" is offered.
    Ready,
    /// The user asked for it; it takes over once the work is saved.
    Asked,
}

/// Whether the work on screen lets the new version take over now.
enum Work {
    /// Everything is saved (or there is nothing to save).
    Safe,
    /// A save is under way.
    Saving,
    /// Saving failed or is off: updating would lose the work.
    Unsaved,
}

fn work(s: &Model) -> Work {
    match s.save_status() {
        "Saving…" => Work::Saving,
        "Not saved" => Work::Unsaved,
        _ => Work::Safe,
    }
}

/// The events of a new version, applied to `s`.
pub(super) fn step(s: &mut Model, event: Event, fx: &mut Vec<Effect>) -> bool {
    match event {
        Event::NewVersionReady => {
            if s.new_version != NewVersion::None {
                return false;
            }
            s.new_version = NewVersion::Ready;
        }
        Event::TakeNewVersion => match work(s) {
            Work::Safe => {
                s.new_version = NewVersion::Asked;
                fx.push(Effect::TakeNewVersion);
                s.say("Updating the app…", false);
            }
            Work::Saving => {
                s.new_version = NewVersion::Asked;
                s.say("The app will update as soon as your work is saved.", false);
            }
            Work::Unsaved => s.say(
                "Not updating: your latest changes are not saved. Export them (Export ▾), or \
                 update once saving works again.",
                true,
            ),
        },
        _ => return false,
    }
    true
}

/// After a save: a new version the user asked for takes over once the work is safe.
pub(super) fn after_save(s: &Model, fx: &mut Vec<Effect>) {
    if s.new_version == NewVersion::Asked && matches!(work(s), Work::Safe) {
        fx.push(Effect::TakeNewVersion);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update;

    fn ready() -> Model {
        let mut m = Model::default();
        update(&mut m, Event::NewVersionReady);
        m
    }

    #[test]
    fn a_new_version_is_offered_once() {
        let mut m = Model::default();
        assert!(update(&mut m, Event::NewVersionReady).changed);
        assert_eq!(m.new_version, NewVersion::Ready);
        assert!(!update(&mut m, Event::NewVersionReady).changed);
    }

    #[test]
    fn with_everything_saved_update_takes_the_new_version_at_once() {
        let mut m = ready();
        let out = update(&mut m, Event::TakeNewVersion);
        assert!(matches!(out.effects[..], [Effect::TakeNewVersion]));
        assert_eq!(m.new_version, NewVersion::Asked);
    }

    #[test]
    fn while_saving_update_waits_for_the_save() {
        let mut m = ready();
        m.doc_id = Some("d1".into());
        m.revision = 3;
        m.saved_revision = 2;
        let out = update(&mut m, Event::TakeNewVersion);
        assert!(out.effects.is_empty());
        assert_eq!(m.new_version, NewVersion::Asked);
        assert_eq!(
            m.message.as_ref().unwrap().text,
            "The app will update as soon as your work is saved."
        );
        let summary = crate::library::Summary {
            id: "d1".into(),
            title: "Pier".into(),
            created: 0.0,
            updated: 0.0,
            annotations: 0,
            revision: 3,
            bytes: 10,
        };
        let out = update(
            &mut m,
            Event::Saved {
                revision: 3,
                summary,
            },
        );
        assert!(matches!(out.effects[..], [Effect::TakeNewVersion]));
    }

    #[test]
    fn with_saving_failed_update_refuses_and_says_why() {
        let mut m = ready();
        m.save = crate::app::model::SaveState::Failed(crate::app::error::AppError::NotSaved);
        let out = update(&mut m, Event::TakeNewVersion);
        assert!(out.effects.is_empty());
        assert_eq!(m.new_version, NewVersion::Ready);
        assert!(m.message.as_ref().unwrap().is_error);
        assert!(m.message.as_ref().unwrap().text.starts_with("Not updating"));
    }
}
