"""Stories initiatives tell of what they did, with photos and feeds."""
