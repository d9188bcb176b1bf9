"""`make scorm`: the handbook for a company LMS. SCORM 1.2 packages (one per role track, one per
exam) and the quizzes as a Moodle question bank, written to dist/."""
