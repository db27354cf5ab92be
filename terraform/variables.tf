# generated from vanity.yaml by connect-vanity render; do not edit

variable "region" {
  type        = string
  description = "AWS region to deploy to (from vanity.yaml's region)."
  default     = "us-east-1"
}

variable "lambda_build_dir" {
  type        = string
  description = "Directory holding cargo-lambda's output (<bin>/bootstrap.zip): absolute, or relative to this module."
  default     = "../target/lambda"
}