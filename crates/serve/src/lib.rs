//! newsloom serve: the JSON API and the web reader over a newsloom store.
