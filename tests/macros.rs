//! Assertions that print both sides in full, so a failure shows the rows themselves.

/// Like `assert_eq!`, but shows the expected and the actual value one after the other,
/// each on its own lines, which is what a reader needs to compare rows of output.
#[macro_export]
macro_rules! eqnice {
    ($expected:expr, $got:expr) => {
        eqnice!($expected, $got, "values differ")
    };
    ($expected:expr, $got:expr, $($msg:tt)+) => {{
        let expected = &$expected;
        let got = &$got;
        if expected != got {
            panic!(
                "\n{}\n\nexpected:\n{:#?}\n\ngot:\n{:#?}\n",
                format!($($msg)+),
                expected,
                got
            );
        }
    }};
}
