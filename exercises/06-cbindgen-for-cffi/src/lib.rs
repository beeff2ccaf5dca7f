//! Exercise 06: the C API that cbindgen describes (nothing to change here).

/// A rectangle, in whole units.
#[repr(C)]
pub struct Rectangle {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

/// The rectangle's area.
#[unsafe(no_mangle)]
pub extern "C" fn ex06_area(rectangle: Rectangle) -> u64 {
    u64::from(rectangle.width) * u64::from(rectangle.height)
}
