#!/usr/bin/env python3
# Recommendation metrics (BRIEF section 5 split) measured through a running Foresight server over
# KServe V2 REST: all evaluated customers in one request, top 10 compared with their new items.
# Usage: python3 training-notebooks/tools/recommendation-via-server.py [http://localhost:8080]
import os, gzip, csv, json, math, sys, urllib.request, datetime
url = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
cut = int(datetime.datetime(2011, 11, 9, tzinfo=datetime.timezone.utc).timestamp())
train, test = {}, {}
with gzip.open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../data/online-retail/purchases.csv.gz"), "rt") as f:
    for row in csv.DictReader(f):
        if not row["item_id"][0].isdigit(): continue
        (train if int(row["timestamp"]) < cut else test).setdefault(int(row["user_id"]), set()).add(row["item_id"])
users = sorted(u for u in train if test.get(u, set()) - train[u])
req = {"inputs": [{"name": "user_id", "datatype": "INT64", "shape": [len(users)], "data": users}]}
r = urllib.request.Request(url + "/v2/models/recommendation/infer", json.dumps(req).encode(), {"Content-Type": "application/json"})
out = {o["name"]: o for o in json.load(urllib.request.urlopen(r))["outputs"]}
items = out["item_id"]["data"]; k = out["item_id"]["shape"][1]
rec = ndcg = hr = 0; seen_returned = 0
for n, u in enumerate(users):
    top = items[n * k:(n + 1) * k]; rel = test[u] - train[u]
    seen_returned += sum(1 for i in top if i in train[u])
    hits = [p for p, i in enumerate(top) if i in rel]
    dcg = sum(1 / math.log2(p + 2) for p in hits); idcg = sum(1 / math.log2(p + 2) for p in range(min(10, len(rel))))
    rec += len(hits) / len(rel); ndcg += dcg / idcg; hr += 1 if hits else 0
m = len(users)
print(f"through {url}: {m} customers, k={k}, train items returned: {seen_returned}")
print(f"Recall@10 {rec/m:.4f}  NDCG@10 {ndcg/m:.4f}  HR@10 {hr/m:.4f}")
