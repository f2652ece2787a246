# Generated from openapi.yaml by `make generate`: do not edit (change openapi.yaml or templates/).
"""Generated from openapi.yaml: the models (`models`) and the operations, one resource class per tag (`api`)."""
