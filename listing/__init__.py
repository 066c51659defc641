"""The central activity listing kiosks sync to: FastAPI app, storage, agenda and reports.

Never imported on the Pi; installed with the optional extra `[listing]`.
"""
