# {{ s.header }}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
{%- for tag in s.tags %}
      "{{ tag.key }}"{{ tag.pad }} = "{{ tag.value }}"
{%- endfor %}
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}
