"""The tables of the first schema revision (``0001``), one module per concept.

The revision calls these in its own order; they are frozen as revision 0001 made them: a later
change to a table is a new revision, never an edit here.
"""
