"""The window: canvas, workload list, inspector, weights, documents. The only QtWidgets code."""
