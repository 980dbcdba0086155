-- Ratings given before stages existed rated the end of an interaction: a report's answer, an idea's review, a vote (ADR 050).
UPDATE feedback SET stage = CASE subject WHEN 'report' THEN 'answered'::feedback_stage WHEN 'idea' THEN 'reviewed'::feedback_stage ELSE 'cast'::feedback_stage END WHERE stage IS NULL;
