"""The one lease (issue 98): its rules, and a scan that no second lease concept grows outside its room."""
