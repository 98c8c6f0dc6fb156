"""medaid — open platform for China's urban-rural medical assistance programmes
(城乡医疗救助) and the budget performance evaluations (预算绩效评价) that judge them."""

__version__ = "0.18.0"
