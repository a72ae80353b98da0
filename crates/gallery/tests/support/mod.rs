pub mod browser;
pub mod run;
