"""Pages of the community workforce. Thin: reads through the scoped selectors, every change through
one service; a record out of reach answers 404, a role without the right 403, refused input 400."""
