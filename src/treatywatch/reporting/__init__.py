"""Article 7 transparency reports submitted online (issue 22, item 4).

``schema`` reads each treaty's forms from ``data/forms/``; ``entries`` checks a report
against them and sums its figures; ``submissions`` stores drafts, submissions and
amendments; ``published`` is what the public site may show: the latest submitted version
of each report, its public forms only.
"""
