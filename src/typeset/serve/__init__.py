"""`typeset serve`: the pages in a browser, built again on every save.

app.py holds the routes, session.py the builds and what the page shows, watch.py the
file watcher; the page itself is templates/ and static/, plain files.
"""
