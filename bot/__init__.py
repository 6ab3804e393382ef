"""Podium: where does this AI model rank?"""
