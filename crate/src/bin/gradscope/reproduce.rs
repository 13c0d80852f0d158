pub fn reproduce(_d: &std::path::Path, _a: &crate::args::ReproduceArgs) -> Result<(), String> {
    Err("todo".into())
}
