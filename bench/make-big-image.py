#!/usr/bin/env python3
# Writes an OCI layout (argv[1]) holding one image: 5 gzip layers of 40 random 1 MiB files each.
import hashlib, io, json, os, sys, tarfile, gzip
out = sys.argv[1]
os.makedirs(out + "/blobs/sha256")
def blob(data):
    d = hashlib.sha256(data).hexdigest()
    open(f"{out}/blobs/sha256/{d}", "wb").write(data)
    return "sha256:" + d, len(data)
layers, diff_ids = [], []
for i in range(5):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for j in range(40):
            data = os.urandom(1 << 20)
            ti = tarfile.TarInfo(f"layer{i}/file{j}"); ti.size = len(data); ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data))
    raw = buf.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
    gz = gzip.compress(raw, compresslevel=1, mtime=0)
    d, n = blob(gz)
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": n})
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/sh"]},
                     "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
cd, cn = blob(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cn},
                       "layers": layers}).encode()
md, mn = blob(manifest)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
           "digest": md, "size": mn, "annotations": {"org.opencontainers.image.ref.name": "latest"}}]},
          open(out + "/index.json", "w"))
json.dump({"imageLayoutVersion": "1.0.0"}, open(out + "/oci-layout", "w"))
