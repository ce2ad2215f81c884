//! Values shared between the state and the components' props, compared by identity.

/// A shared value (an `Rc` or an `Arc`) whose equality is identity, for props: comparing by
/// pointer is what lets unchanged paragraphs and chunks skip re-rendering cheaply.
#[derive(Clone, Debug)]
pub struct Shared<P>(pub P);

impl<P: std::ops::Deref> PartialEq for Shared<P> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(&*self.0, &*other.0)
    }
}

impl<P: std::ops::Deref> std::ops::Deref for Shared<P> {
    type Target = P::Target;
    fn deref(&self) -> &P::Target {
        &self.0
    }
}
