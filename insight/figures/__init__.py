"""The figures of the council's insight page, one module per topic, on the shared ``figure``
module; ``insight.selectors`` puts them in the order of the page and counts them."""
