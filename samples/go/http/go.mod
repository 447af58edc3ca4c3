module order-processor

go 1.22
