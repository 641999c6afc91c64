# Neither output was written.
[ ! -e r.pdf ] && [ ! -e c.md ]
