# generated from vanity.yaml by connect-vanity render; do not edit

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "owner"   = "platform-team"
      "project" = "connect-vanity"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}