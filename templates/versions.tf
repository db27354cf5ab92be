# {{ s.header }}

terraform {
  required_version = ">= 1.7.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "{{ s.provider_constraint }}"
    }
  }
}
