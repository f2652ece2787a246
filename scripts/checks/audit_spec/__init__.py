"""Audit openapi.yaml against the copied documentation pages.

Reads the structured text of every operation page (``api-reference/pages/*.txt``) and seed page
(``seeds/*.txt``), turns each statement it can read reliably into a *fact* (a field is Required,
its minimum length is 1, its values are A, B or C, the body is closed, status 404 is documented,
...), and checks each fact against openapi.yaml. Prints one line per fact that does not hold and
the summary ``N/M documented facts hold``; exits 1 when any fact fails. Items a page does not name
cannot be checked; ``--verbose`` lists them, with the names a copy's annotator inferred.

Run ``python -m scripts.checks.audit_spec --help`` for the options. The modules, in the order a fact
passes through them:

- ``layouts``: page text into copies, and each copy's layout into sections of item trees;
- ``items``, ``examples``: item trees and examples into facts (``facts``: the fact type);
- ``hand_kept``: what the page text cannot state reliably, kept by hand;
- ``pages``: the documentation folder into the deduplicated facts to check;
- ``spec``: openapi.yaml's operations and schema shapes; ``auditor``: one check per fact kind;
- ``run``: every fact checked; ``report``: the lines printed; ``__main__``: the command line.
"""
